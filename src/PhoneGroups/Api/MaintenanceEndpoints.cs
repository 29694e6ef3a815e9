using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Discovery;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Api;

/// <summary>The MikoPBX module's <c>getGroupsStats</c> and <c>cleanupOrphanedMembers</c>.</summary>
internal static class MaintenanceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/stats/groups", (HttpContext http, PolicyStore policies, PolicyPublisher publisher, ControllerMetrics metrics) =>
        {
            http.Response.Headers.ETag = ApiEtag.Of(publisher.Revision.Id);
            var policy = policies.Current;
            return TypedResults.Ok(policy.Groups.Select(g =>
            {
                var calls = metrics.Groups.Of(g.Name);
                return new GroupStatsView(g.Name, g.IsDefault, g.Members.Count, g.Members.Count(m => publisher.IsDiscovered(m.Number)), calls?.Allowed, calls?.Denied);
            }).ToList());
        }).WithTags("Maintenance");

        // Members whose PJSIP endpoint Asterisk no longer has (OrphanFinder says how that is known).
        api.MapPost("/maintenance/cleanup-orphans", async (bool? dryRun, HttpContext http, IAriClient ari, PolicyStore policies, PolicyPublisher publisher, PolicyWriter writer) =>
        {
            var found = await OrphanFinder.FindAsync(ari, policies.Current.Extensions.Where(e => !publisher.IsDiscovered(e.Number)), http.RequestAborted).ConfigureAwait(false);
            var orphans = found.Select(e => new OrphanView(e.Number, e.Endpoint, e.Group?.Name)).ToList();
            var revision = publisher.Revision;
            if (dryRun is not false || orphans.Count == 0)
            {
                http.Response.Headers.ETag = ApiEtag.Of(revision.Id);
                return TypedResults.Ok(new CleanupView(dryRun is not false, orphans, null));
            }

            publisher.ForgetDiscovered(orphans.Select(o => o.Number));
            revision = await writer.EditAsync(ApiRequest.IfMatch(http), ApiRequest.Author(http), editor =>
            {
                foreach (var orphan in orphans)
                {
                    editor.DeleteExtension(orphan.Number);
                }

                return $"cleanup: removed {orphans.Count} members whose endpoint Asterisk no longer has ({string.Join(", ", orphans.Select(o => o.Number))})";
            }, http.RequestAborted).ConfigureAwait(false);
            http.Response.Headers.ETag = ApiEtag.Of(revision.Id);
            return TypedResults.Ok(new CleanupView(false, orphans, revision.Id));
        }).WithTags("Maintenance").RequireAuthorization(ApiEndpoints.WritePolicy);
    }
}
