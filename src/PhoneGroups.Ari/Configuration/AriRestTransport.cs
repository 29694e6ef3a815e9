namespace PhoneGroups.Ari.Configuration;

/// <summary>How the controller sends its REST requests to Asterisk (<c>Ari:RestTransport</c>).</summary>
public enum AriRestTransport
{
    /// <summary>
    /// On the events WebSocket (RESTRequest / RESTResponse messages, Asterisk 22.4+), about 6× less per request
    /// on loopback than HTTP. HTTP is used while the socket is down, and for good when Asterisk does not answer
    /// the first request sent on the socket (an older Asterisk).
    /// </summary>
    WebSocket,

    /// <summary>Always HTTP (keep-alive connections, at most <see cref="AriOptions.MaxConnections"/>).</summary>
    Http,
}
