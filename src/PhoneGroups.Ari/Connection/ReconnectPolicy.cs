using Polly;
using Polly.Retry;

namespace PhoneGroups.Ari.Connection;

/// <summary>
/// Retries connecting forever with exponential back-off and jitter, capped at a few seconds. One
/// pipeline run covers one outage: after a good connection the next outage starts from the shortest
/// delay again. Every failure is retried, timeouts included (a host that drops packets makes the
/// connect time out with an <see cref="OperationCanceledException"/>); only stopping ends it.
/// </summary>
internal static class ReconnectPolicy
{
    public static ResiliencePipeline Create(TimeSpan maxDelay, TimeProvider time, Func<Exception, int, TimeSpan, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = maxDelay,
                OnRetry = args => onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay),
            })
            .Build();
}
