using System.Reactive.Linq;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Events;

namespace PhoneGroups.IntegrationTests.Infrastructure;

/// <summary>Bounded waits on events and connection states, so a broken Asterisk fails a test fast.</summary>
internal static class ObservableWaits
{
    public static async Task<AriConnectionState> WaitForStateAsync(this AriEventConnection connection, Func<AriConnectionState, bool> predicate, TimeSpan timeout)
    {
        try
        {
            return await connection.States.Where(predicate).FirstAsync().Timeout(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"connection state not reached within {timeout.TotalSeconds:0} s; it is {connection.State}");
        }
    }
}

/// <summary>Records every event of a connection from the moment it is made, for waits that cannot miss one.</summary>
public sealed class EventRecorder : IDisposable
{
    private readonly List<AriEvent> _events = [];
    private readonly List<string> _states = [];
    private readonly IDisposable _subscription;
    private readonly IDisposable? _stateSubscription;
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Func<string>? _context;

    /// <param name="events">What is recorded.</param>
    /// <param name="states">The connection's states, named with their time in a timeout's message: a wait that saw
    /// nothing because the connection was replaced or dropped says so.</param>
    /// <param name="context">More for a timeout's message (the controller's last log lines).</param>
    public EventRecorder(IObservable<AriEvent> events, IObservable<AriConnectionState>? states = null, Func<string>? context = null)
    {
        _context = context;
        _subscription = events.Subscribe(e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }

            _arrived.Release();
        });
        _stateSubscription = states?.Subscribe(state =>
        {
            lock (_states)
            {
                _states.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {state.Status}#{state.Connections}{(string.IsNullOrEmpty(state.Reason) ? "" : " (" + state.Reason + ")")}");
            }
        });
    }

    public IReadOnlyList<AriEvent> Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    /// <summary>The first recorded event of type <typeparamref name="T"/> that matches, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
        where T : AriEvent
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var found = Snapshot().OfType<T>().FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                var seen = string.Join(", ", Snapshot().Select(Describe));
                string states;
                lock (_states)
                {
                    states = _states.Count == 0 ? string.Empty : "; connection: " + string.Join(", ", _states);
                }

                var context = _context?.Invoke() is { Length: > 0 } more ? "\n" + more : string.Empty;
                throw new TimeoutException($"no matching {typeof(T).Name} within {limit.TotalSeconds:0} s (until {DateTime.UtcNow:HH:mm:ss.fff}){states}; events seen: {seen}{context}");
            }
        }
    }

    /// <summary>
    /// An event as a failure message shows it: its type, for a Dial what was dialed and how it went, and the
    /// channel an event is about (which channel's end never came is what a failed wait most often needs).
    /// </summary>
    private static string Describe(AriEvent e) => e switch
    {
        Dial dial => $"Dial({dial.Peer.Name} {dial.DialStatus}{(string.IsNullOrEmpty(dial.Forward) ? "" : " forward " + dial.Forward)})",
        ChannelEvent channel => $"{e.Type}({channel.Channel.Id})",
        ChannelEnteredBridge entered => $"{e.Type}({entered.Channel.Id} into {entered.Bridge.Id})",
        ChannelLeftBridge left => $"{e.Type}({left.Channel.Id} from {left.Bridge.Id})",
        _ => e.Type,
    };

    public void Dispose()
    {
        _subscription.Dispose();
        _stateSubscription?.Dispose();
        _arrived.Dispose();
    }
}
