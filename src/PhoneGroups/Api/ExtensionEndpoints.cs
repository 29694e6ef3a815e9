using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Documents;
using PhoneGroups.Policy;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Api;

/// <summary><c>/api/v1/extensions</c>: every extension in force (listed and discovered) and which group it is in.</summary>
internal static class ExtensionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var extensions = api.MapGroup("/extensions").WithTags("Extensions");
        extensions.MapGet("/", (HttpContext http, PolicyStore policies, PolicyPublisher publisher) =>
        {
            http.Response.Headers.ETag = ApiEtag.Of(publisher.Revision.Id);
            return TypedResults.Ok(policies.Current.Extensions.OrderBy(e => e.Number, StringComparer.Ordinal).Select(e => ExtensionView.Of(e, publisher)).ToList());
        });
        extensions.MapGet("/{number}", (string number, HttpContext http, PolicyStore policies, PolicyPublisher publisher) =>
        {
            http.Response.Headers.ETag = ApiEtag.Of(publisher.Revision.Id);
            return policies.Current.TryGetExtension(number, out var extension)
                ? Results.Ok(ExtensionView.Of(extension, publisher))
                : throw EditException.NotFound($"no extension '{number}' (neither in the policy nor discovered)");
        });
        extensions.MapPut("/{number}/group", async (string number, HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            var group = body["group"]?.ToString() ?? throw EditException.Invalid("group", "group is required: {\"group\": \"Sales\"}");
            return await ApiResponses.WriteAsync(http, writer, editor => editor.MoveExtension(number, group)).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        extensions.MapDelete("/{number}", (string number, HttpContext http, PolicyWriter writer) =>
            ApiResponses.WriteAsync(http, writer, editor => editor.DeleteExtension(number))).RequireAuthorization(ApiEndpoints.WritePolicy);
    }
}
