using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Documents;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Api;

/// <summary><c>/api/v1/routes</c>: outbound routes as written, in the order they are tried.</summary>
internal static class RouteEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var routes = api.MapGroup("/routes").WithTags("Routes");
        routes.MapGet("/", (HttpContext http, PolicyPublisher publisher) =>
            ApiResponses.Read(http, publisher, editor => editor.Routes.DeepClone()));
        routes.MapGet("/{name}", (string name, HttpContext http, PolicyPublisher publisher) =>
            ApiResponses.Read(http, publisher, editor => editor.FindRoute(name)?.DeepClone() ?? throw EditException.NotFound($"no route named '{name}'")));
        routes.MapPost("/", async (HttpContext http, PolicyWriter writer) =>
        {
            var body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            return await ApiResponses.WriteAsync(http, writer, editor => editor.CreateRoute(body), status: StatusCodes.Status201Created).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        routes.MapPut("/{name}", async (string name, HttpContext http, PolicyWriter writer) =>
        {
            JsonObject body = await ApiRequest.ReadObjectAsync(http.Request).ConfigureAwait(false);
            return await ApiResponses.WriteAsync(http, writer, editor => editor.ReplaceRoute(name, body)).ConfigureAwait(false);
        }).RequireAuthorization(ApiEndpoints.WritePolicy);
        routes.MapDelete("/{name}", (string name, HttpContext http, PolicyWriter writer) =>
            ApiResponses.WriteAsync(http, writer, editor => editor.DeleteRoute(name))).RequireAuthorization(ApiEndpoints.WritePolicy);
    }
}
