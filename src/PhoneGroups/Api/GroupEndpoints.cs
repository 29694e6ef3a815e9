using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Documents;
using PhoneGroups.Policy;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Api;

/// <summary><c>/api/v1/groups</c>: groups as they are written in the policy, plus a read-only member count; members' PINs are shown as <c>hasPin</c>.</summary>
internal static class GroupEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/", (HttpContext http, PolicyPublisher publisher, PolicyStore policies) =>
            ApiResponses.Read(http, publisher, editor => new JsonArray([.. editor.Groups.OfType<JsonObject>().Select(g => View(g, policies))])));
        groups.MapGet("/default", (HttpContext http, PolicyPublisher publisher, PolicyStore policies) =>
            ApiResponses.Read(http, publisher, editor => editor.DefaultGroup is { } g ? View(g, policies) : throw EditException.NotFound("the policy has no default group")));
        groups.MapPut("/default", async (HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            var name = body["name"]?.ToString() ?? throw EditException.Invalid("name", "name is required: {\"name\": \"Sales\"}");
            return await ApiResponses.WriteAsync(http, writer, editor => editor.SetDefault(name)).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        groups.MapGet("/{name}", (string name, HttpContext http, PolicyPublisher publisher, PolicyStore policies) =>
            ApiResponses.Read(http, publisher, editor => View(editor.FindGroup(name) ?? throw EditException.NotFound($"no group named '{name}'"), policies)));
        groups.MapPost("/", async (HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            return await ApiResponses.WriteAsync(http, writer, editor => editor.CreateGroup(body), status: StatusCodes.Status201Created).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        groups.MapPut("/{name}", async (string name, HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            return await ApiResponses.WriteAsync(http, writer, editor => editor.ReplaceGroup(name, body)).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        groups.MapDelete("/{name}", (string name, HttpContext http, PolicyWriter writer) =>
            ApiResponses.WriteAsync(http, writer, editor => editor.DeleteGroup(name))).RequireAuthorization(ApiEndpoints.WritePolicy);
    }

    /// <summary>The group as written, plus <c>memberCount</c> (explicit, default and discovered members in force).</summary>
    private static JsonObject View(JsonObject group, PolicyStore policies)
    {
        var view = (JsonObject)group.DeepClone();
        if (view["members"] is JsonArray members)
        {
            for (var i = 0; i < members.Count; i++)
            {
                members[i] = PolicySecrets.HidePin(members[i]); // a PIN is never shown: hasPin
            }
        }

        view["memberCount"] = policies.Current.TryGetGroup(PolicyEditor.NameOf(group), out var compiled) ? compiled.Members.Count : 0;
        return view;
    }
}
