using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Policy.Patterns;
using PhoneGroups.Web.Auth;

namespace PhoneGroups.Web;

/// <summary>
/// Read-only questions the console's script asks while an admin types: <c>GET /console/patterns?text=&amp;number=</c>
/// checks allowed patterns one per line with the policy loader's own pattern parser (so the message is the one
/// saving would give) and, with a number, says which patterns match it.
/// </summary>
internal static class ConsoleQueries
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/console/patterns", (string? text, string? number) =>
        {
            var errors = new List<object>();
            var matches = new List<string>();
            var lines = (text ?? string.Empty).Split('\n');
            for (var i = 0; i < lines.Length && i < 10_000; i++)
            {
                var line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (!AsteriskPattern.TryParse(line, out var pattern, out var error))
                {
                    errors.Add(new { line = i + 1, pattern = line, message = error });
                }
                else if (!string.IsNullOrEmpty(number) && pattern.IsMatch(number.Trim()))
                {
                    matches.Add(line);
                }
            }

            return TypedResults.Ok(new { errors, matches });
        }).RequireAuthorization(ConsoleAuth.ReadPolicy);
}
