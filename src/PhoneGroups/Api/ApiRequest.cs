using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PhoneGroups.Documents;

namespace PhoneGroups.Api;

/// <summary>What the endpoints read from a request: the body as a document, the author, If-Match.</summary>
internal static class ApiRequest
{
    /// <summary>Bodies are policies or parts of one: 64 MiB is room for a policy with several 100k extensions.</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        return IsYaml(request.ContentType) ? PolicyTree.FromYaml(text) : PolicyTree.FromJson(text);
    }

    public static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    public static bool IsYaml(string? contentType) =>
        contentType is not null && (contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase) || contentType.Contains("yml", StringComparison.OrdinalIgnoreCase));

    public static bool WantsYaml(HttpRequest request) => request.Headers.Accept.Any(a => IsYaml(a));

    /// <summary>The token's name: every revision is attributable.</summary>
    public static string Author(HttpContext context) => context.User.FindFirstValue(ClaimTypes.Name) ?? "unknown";

    public static string? IfMatch(HttpContext context) =>
        context.Request.Headers.IfMatch.Count == 0 ? null : context.Request.Headers.IfMatch.ToString();
}
