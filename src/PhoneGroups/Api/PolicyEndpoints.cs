using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Commands;
using PhoneGroups.Documents;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>
/// <c>/api/v1/policy</c>: the whole document, JSON by default, YAML with <c>Accept</c>/<c>Content-Type:
/// application/yaml</c> (a YAML write is stored as written, comments included; JSON shows <c>hasPassword</c>/<c>hasPin</c>
/// instead of secrets, and a JSON write that leaves them out keeps them); and <c>/api/v1/check</c>.
/// </summary>
internal static class PolicyEndpoints
{
    public const string YamlType = "application/yaml";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/policy", (HttpContext http, PolicyPublisher publisher) =>
        {
            var revision = publisher.Revision;
            http.Response.Headers.ETag = ApiEtag.Of(revision.Id);
            if (!ApiRequest.WantsYaml(http.Request))
            {
                return TypedResults.Json(PolicySecrets.HideAll(PolicyTree.FromYaml(revision.Document)));
            }

            // The YAML is the document as stored, passwords and PINs included: admins only.
            return http.User.IsInRole(ApiRoles.Admin)
                ? Results.Text(revision.Document, YamlType)
                : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "the policy as YAML holds passwords and PINs: only admins may read it; ask for JSON (secrets hidden)");
        }).WithTags("Policy");
        api.MapPut("/policy", async (HttpContext http, PolicyWriter writer) =>
        {
            var text = await ApiRequest.ReadTextAsync(http.Request).ConfigureAwait(false);
            if (!ApiRequest.IsYaml(http.Request.ContentType))
            {
                // JSON is compared as a tree: what GET returned, sent back unchanged, writes no revision.
                var document = PolicyTree.FromJson(text);
                return await ApiResponses.WriteAsync(http, writer, editor => editor.ReplaceAll(document)).ConfigureAwait(false);
            }

            var revision = await writer.ReplaceAsync(ApiRequest.IfMatch(http), ApiRequest.Author(http), text, "policy replaced", null, http.RequestAborted).ConfigureAwait(false);
            return ApiResponses.Written(http, revision);
        }).WithTags("Policy").RequireAuthorization(ApiEndpoints.WritePolicy);
        api.MapGet("/check", (string? from, string? to, string? callerNumber, bool? fromTrunk, HttpContext http, PolicyStore policies, PolicyPublisher publisher) =>
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw EditException.Invalid("to", "to is required: the dialed number, e.g. /api/v1/check?from=1001&to=2001");
            }

            http.Response.Headers.ETag = ApiEtag.Of(publisher.Revision.Id);
            // The same decision and result object as 'check --json': caller number and trunk origin included.
            var origin = fromTrunk == true ? CallOrigin.Trunk : CallOrigin.Internal;
            var decision = policies.Current.Decide(string.IsNullOrWhiteSpace(from) ? null : from, to, origin, string.IsNullOrWhiteSpace(callerNumber) ? null : callerNumber);
            return Results.Text(CheckCommand.ToJson(decision), "application/json");
        }).WithTags("Policy");
    }
}
