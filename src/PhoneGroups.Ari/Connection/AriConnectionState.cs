namespace PhoneGroups.Ari.Connection;

/// <summary>Whether the event WebSocket is up and the application is ours.</summary>
public enum AriConnectionStatus
{
    /// <summary>Not connected yet, or the connection was lost; reconnects are under way.</summary>
    Disconnected,

    /// <summary>Connected: Asterisk sends calls to the application.</summary>
    Connected,

    /// <summary>
    /// Another WebSocket took the application (Asterisk sent <c>ApplicationReplaced</c>): its calls and
    /// events go there, none come here. The connection takes the application back after a back-off.
    /// </summary>
    Replaced,
}

/// <summary>A change of the event connection.</summary>
/// <param name="Status">Connected, disconnected or replaced.</param>
/// <param name="Reason">Why it was lost or replaced (empty when connected).</param>
/// <param name="Connections">How many times a connection was made so far (1 on the first).</param>
public sealed record AriConnectionState(AriConnectionStatus Status, string Reason, int Connections)
{
    /// <summary>Before the first connection.</summary>
    public static AriConnectionState Initial { get; } = new(AriConnectionStatus.Disconnected, "not connected yet", 0);

    /// <summary>Whether events flow.</summary>
    public bool IsConnected => Status == AriConnectionStatus.Connected;

    /// <summary>Whether another connection holds the application, so no events reach this one.</summary>
    public bool IsReplaced => Status == AriConnectionStatus.Replaced;

    /// <summary>
    /// Whether this is a connection after a lost or replaced one: events of the gap were lost, so the
    /// controller must look at its calls again.
    /// </summary>
    public bool IsReconnect => IsConnected && Connections > 1;
}
