using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Store;

namespace PhoneGroups.PolicyReload;

/// <summary>
/// Puts the store's newest revision in force when another process wrote it (another controller, or
/// <c>phonegroups import</c>). Writes through this controller's API are published at once and need no poll;
/// PostgreSQL also wakes this up with LISTEN/NOTIFY (<see cref="Nudge"/>), so the poll is a safety net there.
/// </summary>
internal sealed partial class StoreWatcher(
    IRevisionStore store,
    PolicyPublisher publisher,
    IOptions<StoreOptions> options,
    ILogger<StoreWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _nudged = new(0, 1);
    private bool _failing;

    /// <summary>Asks for a look at the store now.</summary>
    public void Nudge()
    {
        if (_nudged.CurrentCount == 0)
        {
            try
            {
                _nudged.Release();
            }
            catch (SemaphoreFullException)
            {
                // already nudged
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _nudged.WaitAsync(interval, stoppingToken).ConfigureAwait(false);
                await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>Publishes the newest revision when it is not the one in force. Returns whether it did.</summary>
    internal async Task<bool> CheckOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var latest = await store.GetLatestIdAsync(cancellationToken).ConfigureAwait(false);
            if (_failing)
            {
                _failing = false;
                LogStoreBack(logger);
            }

            if (latest <= publisher.Revision.Id)
            {
                return false;
            }

            var revision = await store.GetAsync(latest, cancellationToken).ConfigureAwait(false);
            return revision is not null && publisher.Publish(revision) is { Success: true };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The policy in force stays; calls go on. Say it once, not every poll.
            if (!_failing)
            {
                _failing = true;
                LogStoreFailed(logger, e.Message);
            }

            return false;
        }
    }

    public override void Dispose()
    {
        _nudged.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The policy store cannot be read ({Error}); the policy in force stays")]
    private static partial void LogStoreFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The policy store answers again")]
    private static partial void LogStoreBack(ILogger logger);
}
