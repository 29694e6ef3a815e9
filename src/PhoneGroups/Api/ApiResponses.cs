using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PhoneGroups.Documents;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>Reads from the revision in force and writes through <see cref="PolicyWriter"/>, each answer with the revision's ETag.</summary>
internal static class ApiResponses
{
    public static IResult Read(HttpContext http, PolicyPublisher publisher, Func<PolicyEditor, JsonNode> view)
    {
        var revision = publisher.Revision;
        http.Response.Headers.ETag = ApiEtag.Of(revision.Id);
        return TypedResults.Json(view(new PolicyEditor(PolicyTree.FromYaml(revision.Document))));
    }

    public static async Task<IResult> WriteAsync(HttpContext http, PolicyWriter writer, Func<PolicyEditor, string> edit, int status = StatusCodes.Status200OK)
    {
        var revision = await writer.EditAsync(ApiRequest.IfMatch(http), ApiRequest.Author(http), edit, http.RequestAborted).ConfigureAwait(false);
        return Written(http, revision, status);
    }

    public static IResult Written(HttpContext http, PolicyRevision revision, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ETag = ApiEtag.Of(revision.Id);
        return TypedResults.Json(RevisionView.Of(revision), statusCode: status);
    }
}
