using Polly;
using Polly.Retry;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// Retries connecting forever with exponential back-off and jitter, capped at a few seconds. One
/// pipeline run covers one outage: after a good connection the next outage starts from the shortest
/// delay again.
/// </summary>
internal static class ReconnectPolicy
{
    public static ResiliencePipeline Create(TimeSpan maxDelay, TimeProvider time, Func<Exception, int, TimeSpan, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = maxDelay,
                OnRetry = args => onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay),
            })
            .Build();
}
