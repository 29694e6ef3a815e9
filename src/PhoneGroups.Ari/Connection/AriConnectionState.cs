namespace PhoneGroups.Ari.Connection;

/// <summary>Whether the event WebSocket is up.</summary>
public enum AriConnectionStatus
{
    /// <summary>Not connected yet, or the connection was lost; reconnects are under way.</summary>
    Disconnected,

    /// <summary>Connected: Asterisk sends calls to the application.</summary>
    Connected,
}

/// <summary>A change of the event connection.</summary>
/// <param name="Status">Connected or disconnected.</param>
/// <param name="Reason">Why it was lost (empty when connected).</param>
/// <param name="Connections">How many times a connection was made so far (1 on the first).</param>
public sealed record AriConnectionState(AriConnectionStatus Status, string Reason, int Connections)
{
    /// <summary>Before the first connection.</summary>
    public static AriConnectionState Initial { get; } = new(AriConnectionStatus.Disconnected, "not connected yet", 0);

    /// <summary>Whether events flow.</summary>
    public bool IsConnected => Status == AriConnectionStatus.Connected;

    /// <summary>Whether this is a connection after a lost one (the controller must look at its calls again).</summary>
    public bool IsReconnect => IsConnected && Connections > 1;
}
