using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PhoneGroups.Ari.Tests.Connection;

/// <summary>
/// Fake time that also tells the test when the code under test arms a timer (a delay, a timeout), so the
/// test advances time exactly to it instead of guessing when the other thread got there.
/// </summary>
internal sealed class WatchedTimeProvider : FakeTimeProvider
{
    private readonly Channel<WatchedTimer> _armed = Channel.CreateUnbounded<WatchedTimer>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Inner = base.CreateTimer(callback, state, dueTime, period);
        timer.Armed(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer armed and still alive, waiting for one if needed.</summary>
    public async Task<TimeSpan> NextTimerAsync(string expected)
    {
        while (true)
        {
            var timer = await Bounded.WaitAsync(_armed.Reader.ReadAsync().AsTask(), $"no timer was armed: expected {expected}");
            if (!timer.IsDisposed)
            {
                return timer.DueTime;
            }
        }
    }

    /// <summary>Advances time to the next live timer; returns its due time.</summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync(string expected)
    {
        var due = await NextTimerAsync(expected);
        Advance(due);
        return due;
    }

    private sealed class WatchedTimer(WatchedTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public TimeSpan DueTime { get; private set; }

        public bool IsDisposed { get; private set; }

        public void Armed(TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                DueTime = dueTime;
                owner._armed.Writer.TryWrite(this);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = Inner.Change(dueTime, period);
            Armed(dueTime);
            return changed;
        }

        public void Dispose()
        {
            IsDisposed = true;
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
