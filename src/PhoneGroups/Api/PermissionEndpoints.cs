using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Documents;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Api;

/// <summary>
/// <c>/api/v1/permissions</c>: call permissions as written, in policy order, each with <c>hasPassword</c> instead
/// of its password (never shown). A write that leaves <c>password</c> out keeps it; <c>"password": null</c> clears it.
/// </summary>
internal static class PermissionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var permissions = api.MapGroup("/permissions").WithTags("Permissions");
        permissions.MapGet("/", (HttpContext http, PolicyPublisher publisher) =>
            ApiResponses.Read(http, publisher, editor => new JsonArray([.. editor.Permissions.OfType<JsonObject>().Select(PolicySecrets.HidePassword)])));
        permissions.MapGet("/{name}", (string name, HttpContext http, PolicyPublisher publisher) =>
            ApiResponses.Read(http, publisher, editor => PolicySecrets.HidePassword(editor.FindPermission(name) ?? throw EditException.NotFound($"no permission named '{name}'"))));
        permissions.MapPost("/", async (HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            return await ApiResponses.WriteAsync(http, writer, editor => editor.CreatePermission(body), status: StatusCodes.Status201Created).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        permissions.MapPut("/{name}", async (string name, HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            return await ApiResponses.WriteAsync(http, writer, editor => editor.ReplacePermission(name, body)).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        permissions.MapDelete("/{name}", (string name, HttpContext http, PolicyWriter writer) =>
            ApiResponses.WriteAsync(http, writer, editor => editor.DeletePermission(name))).RequireAuthorization(ApiEndpoints.WritePolicy);
    }
}
