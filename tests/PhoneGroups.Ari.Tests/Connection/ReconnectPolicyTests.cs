using PhoneGroups.Ari.Connection;

namespace PhoneGroups.Ari.Tests.Connection;

public sealed class ReconnectPolicyTests
{
    private readonly WatchedTimeProvider _time = new();

    [Fact]
    public async Task Execute_ACancellationThatIsNotAStop_IsRetried()
    {
        var attempts = 0;
        var retries = new List<int>();
        var sut = ReconnectPolicy.Create(TimeSpan.FromSeconds(5), _time, (_, attempt, _) =>
        {
            retries.Add(attempt);
            return default;
        });

        var run = sut.ExecuteAsync(_ => ++attempts == 1 ? throw new OperationCanceledException("connect timed out") : ValueTask.FromResult(attempts), CancellationToken.None).AsTask();
        await _time.AdvanceToNextTimerAsync("the retry delay");

        Assert.Equal(2, await Bounded.WaitAsync(run, "the retry never came"));
        Assert.Equal([1], retries);
    }

    [Fact]
    public async Task Execute_WhenStopped_GivesUp()
    {
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        var sut = ReconnectPolicy.Create(TimeSpan.FromSeconds(5), _time, (_, _, _) => default);

        var run = sut.ExecuteAsync<int>(
            ct =>
            {
                attempts++;
                stop.Cancel();
                ct.ThrowIfCancellationRequested();
                return ValueTask.FromResult(0);
            },
            stop.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, attempts);
    }
}
