namespace PhoneGroups.Ari.Configuration;

/// <summary>How to reach Asterisk's REST Interface (configuration section <c>Ari</c>).</summary>
public sealed class AriOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ari";

    /// <summary>Asterisk's HTTP server, without the <c>/ari</c> suffix.</summary>
    /// <value>The default value is <c>http://127.0.0.1:8088</c>.</value>
    public string Url { get; set; } = "http://127.0.0.1:8088";

    /// <summary>The ARI user of ari.conf.</summary>
    public string User { get; set; } = string.Empty;

    /// <summary>The ARI user's password. Never logged; pass it through the environment (<c>Ari__Password</c>).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>The Stasis application name the dialplan sends calls to.</summary>
    /// <value>The default value is <c>phonegroups</c>.</value>
    public string App { get; set; } = "phonegroups";

    /// <summary>How long one REST request may take, in seconds.</summary>
    /// <value>The default value is 10.</value>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The most HTTP connections the REST client opens to Asterisk; more requests at once wait for one.
    /// Asterisk refuses sessions past http.conf's <c>sessionlimit</c> (100 by default, WebSockets included).
    /// </summary>
    /// <value>The default value is 32.</value>
    public int MaxConnections { get; set; } = 32;

    /// <summary>
    /// How REST requests travel: <see cref="AriRestTransport.WebSocket"/> (on the events WebSocket, with HTTP
    /// while it is down or when Asterisk is older than 22.4) or <see cref="AriRestTransport.Http"/>.
    /// </summary>
    /// <value>The default value is <see cref="AriRestTransport.WebSocket"/>.</value>
    public AriRestTransport RestTransport { get; set; } = AriRestTransport.WebSocket;

    /// <summary>The longest wait between two reconnect attempts, in seconds.</summary>
    /// <value>The default value is 5.</value>
    public double MaxReconnectDelaySeconds { get; set; } = 5;

    /// <summary>
    /// How long to wait, after another connection took the application (<c>ApplicationReplaced</c>),
    /// before taking it back, in seconds. Each replacement soon after taking it back doubles the wait, up
    /// to <see cref="TakeBackMaxDelaySeconds"/>, so two controllers on one application fight at a bounded rate.
    /// </summary>
    /// <value>The default value is 5.</value>
    public double TakeBackDelaySeconds { get; set; } = 5;

    /// <summary>
    /// The longest wait before taking the application back, in seconds: the controller is connected again
    /// at most this long (plus the connect) after the other connection left.
    /// </summary>
    /// <value>The default value is 20.</value>
    public double TakeBackMaxDelaySeconds { get; set; } = 20;

    /// <summary>
    /// Whether the application receives the events of every channel and bridge in Asterisk, not only of
    /// those in the application. For monitoring and tests; a controller does not need it.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool SubscribeAll { get; set; }

    /// <summary>The ARI base address: <see cref="Url"/> with <c>/ari/</c>.</summary>
    public Uri BaseAddress => new(Url.TrimEnd('/') + "/ari/");

    /// <summary>Everything but the password, for logs.</summary>
    public override string ToString() => $"{Url} as {User}, app {App}";
}
