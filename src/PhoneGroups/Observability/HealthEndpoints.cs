using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhoneGroups.Observability;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (200 or 503; the body says why, one
/// field per part). Both unauthenticated, like <c>/metrics</c>: orchestrators and scrapers carry no token.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("live\n"),
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadyAsync,
        });
    }

    private static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var body = report.Entries.TryGetValue(ReadinessHealthCheck.Name, out var calls) && calls.Data.TryGetValue("report", out var value) && value is ReadinessReport readiness
            ? JsonNode.Parse(readiness.ToJson())!.AsObject()
            : new JsonObject { ["ready"] = false };
        if (report.Entries.TryGetValue(StoreHealthCheck.Name, out var store))
        {
            body["store"] = store.Description;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString() + "\n");
    }
}
