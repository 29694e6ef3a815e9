using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Documents;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary><c>/api/v1/revisions</c>: the history, one revision with its diff to the one before, and restoring an old one as a new revision.</summary>
internal static class RevisionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var revisions = api.MapGroup("/revisions").WithTags("Revisions");
        revisions.MapGet("/", async (int? limit, long? before, IRevisionStore store, CancellationToken cancellationToken) =>
            TypedResults.Ok((await store.ListAsync(limit ?? 100, before, cancellationToken).ConfigureAwait(false)).Select(RevisionView.Of).ToList()));
        revisions.MapGet("/{id:long}", async (long id, IRevisionStore store, CancellationToken cancellationToken) =>
        {
            var revision = await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw EditException.NotFound($"no revision {id}");
            var previous = (await store.ListAsync(1, id, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            return TypedResults.Ok(new RevisionDetailView(revision.Id, revision.CreatedUtc, revision.Author, revision.Summary, revision.RestoredFrom,
                previous?.Id, revision.Document, LineDiff.Unified(previous?.Document ?? string.Empty, revision.Document, previous is null ? "(empty)" : $"revision {previous.Id}", $"revision {revision.Id}")));
        }).RequireAuthorization(ApiEndpoints.WritePolicy); // the stored document holds passwords and PINs: admins only
        revisions.MapPost("/{id:long}/restore", async (long id, HttpContext http, IRevisionStore store, PolicyWriter writer) =>
        {
            var old = await store.GetAsync(id, http.RequestAborted).ConfigureAwait(false) ?? throw EditException.NotFound($"no revision {id}");
            var revision = await writer.ReplaceAsync(ApiRequest.IfMatch(http), ApiRequest.Author(http), old.Document, $"restored revision {id}", id, http.RequestAborted).ConfigureAwait(false);
            return ApiResponses.Written(http, revision);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
    }
}
