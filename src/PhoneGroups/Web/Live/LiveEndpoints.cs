using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Calls;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Explanations;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Web.Live;

/// <summary>
/// <c>GET /live/events</c>: Server-Sent Events for the Live page: a <c>decision</c> event per decision (the last
/// 200 first, then each new one) and a <c>calls</c> event with the calls in progress every second.
/// </summary>
internal static class LiveEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/live/events", (DecisionFeed feed, CallController calls, TimeProvider time, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.ServerSentEvents(Merge(Decisions(feed, http.RequestAborted), Calls(calls, feed, time, http.RequestAborted), http.RequestAborted));
        }).RequireAuthorization(ConsoleAuth.ReadPolicy);

    /// <summary>One row of the decisions table, explained.</summary>
    public static object View(LiveDecision d) => new
    {
        at = d.At,
        callId = d.CallId,
        caller = d.Caller,
        callerGroup = d.CallerGroup,
        dialed = d.Dialed,
        decision = d.Decision.Outcome.ToCode(),
        reason = d.Decision.Reason.ToCode(),
        route = d.Decision.Route?.Route.Name,
        callerId = d.Decision.CallerId,
        explanation = DecisionExplainer.Explain(d.Decision),
    };

    private static async IAsyncEnumerable<SseItem<string>> Decisions(DecisionFeed feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var decision in feed.FollowAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new SseItem<string>(JsonSerializer.Serialize(View(decision), Json), "decision");
        }
    }

    private static async IAsyncEnumerable<SseItem<string>> Calls(CallController controller, DecisionFeed feed, TimeProvider time, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            var now = time.GetUtcNow();
            var calls = controller.Calls.OrderBy(c => c.StartedAt).Select(c =>
            {
                var decided = feed.Of(c.Id);
                return new
                {
                    callId = c.Id,
                    caller = decided?.Caller ?? c.Caller.Caller.Number,
                    callee = c.Dialed,
                    group = decided?.CallerGroup,
                    state = c.State.Name,
                    since = c.StartedAt,
                    seconds = (int)(now - c.StartedAt).TotalSeconds,
                };
            }).ToList();
            yield return new SseItem<string>(JsonSerializer.Serialize(calls, Json), "calls");
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Both streams as one, in the order items come.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Merge(IAsyncEnumerable<SseItem<string>> first, IAsyncEnumerable<SseItem<string>> second, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<SseItem<string>>();
        async Task PumpAsync(IAsyncEnumerable<SseItem<string>> source)
        {
            try
            {
                await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // the page was closed
            }
        }

        var pumps = Task.WhenAll(PumpAsync(first), PumpAsync(second)).ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }

        await pumps.ConfigureAwait(false);
    }
}
