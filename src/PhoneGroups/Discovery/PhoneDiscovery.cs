using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Rest;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Discovery;

/// <summary>
/// Lists Asterisk's PJSIP endpoints (<see cref="PjsipEndpoints"/>: those a reload removed are not among them)
/// at start and every <see cref="DiscoveryOptions.IntervalSeconds"/>; those
/// whose name matches <see cref="DiscoveryOptions.ExtensionPattern"/> are handed to the publisher, which makes
/// the ones the policy does not list extensions of the default group. A failed listing keeps the last one.
/// </summary>
internal sealed partial class PhoneDiscovery(
    IAriClient ari,
    PolicyPublisher publisher,
    IOptions<DiscoveryOptions> options,
    ILogger<PhoneDiscovery> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var pattern = new Regex(options.Value.ExtensionPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var interval = TimeSpan.FromSeconds(options.Value.IntervalSeconds);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                var found = await DiscoverOnceAsync(pattern, stoppingToken).ConfigureAwait(false);
                if (failing)
                {
                    failing = false;
                    LogListed(logger, found);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (!failing)
                {
                    failing = true;
                    LogFailed(logger, e.Message);
                }

                wait = interval < RetryAfterFailure ? interval : RetryAfterFailure;
            }

            try
            {
                await Task.Delay(wait, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Lists the endpoints once and hands the matching names on; returns how many matched.</summary>
    internal async Task<int> DiscoverOnceAsync(Regex pattern, CancellationToken cancellationToken)
    {
        var generation = publisher.DiscoveryGeneration;
        var numbers = (await PjsipEndpoints.ConfiguredAsync(ari, pattern.IsMatch, cancellationToken).ConfigureAwait(false)).ToList();
        publisher.SetDiscovered(numbers, generation);
        return numbers.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot list Asterisk's endpoints to discover phones ({Error}); trying again")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoints listed again: {Count} look like extensions")]
    private static partial void LogListed(ILogger logger, int count);
}
