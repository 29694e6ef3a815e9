using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PhoneGroups.Web;

/// <summary>The console's script and style sheet, embedded in the program: the page loads nothing from elsewhere.</summary>
internal static class ConsoleAssets
{
    private static readonly Dictionary<string, (string Type, byte[] Bytes)> Files = Load();

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{name}", (string name, HttpContext http) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-cache"; // small files: always current after an upgrade
            return Results.Bytes(file.Bytes, file.Type);
        }).AllowAnonymous();

    private static Dictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("console/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource["console/".Length..];
            files[name] = (name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8", buffer.ToArray());
        }

        return files;
    }
}
