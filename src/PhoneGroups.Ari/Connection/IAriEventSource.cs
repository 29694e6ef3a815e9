using PhoneGroups.Ari.Events;

namespace PhoneGroups.Ari.Connection;

/// <summary>The ARI event stream an application consumes; <see cref="AriEventConnection"/> in production.</summary>
public interface IAriEventSource
{
    /// <summary>Every event of the application, in the order Asterisk sent them.</summary>
    IObservable<AriEvent> Events { get; }

    /// <summary>
    /// Connection state changes, starting with the current state: Disconnected, Connected, or Replaced
    /// (another connection holds the application). A Connected state with
    /// <see cref="AriConnectionState.IsReconnect"/> follows every gap, lost or replaced: events were missed.
    /// </summary>
    IObservable<AriConnectionState> States { get; }

    /// <summary>Starts connecting (and reconnecting, until stopped).</summary>
    void Start();

    /// <summary>Closes the connection for good.</summary>
    Task StopAsync();
}
