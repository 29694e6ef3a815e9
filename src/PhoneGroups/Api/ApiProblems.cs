using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PhoneGroups.Policy.Loading;

namespace PhoneGroups.Api;

/// <summary>RFC 7807 problem details, the one error shape of the API.</summary>
internal static class ApiProblems
{
    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);

    /// <summary>422 listing every error as <c>{path, line, message}</c>, like <c>phonegroups validate</c>.</summary>
    public static IResult Invalid(IReadOnlyList<PolicyError> errors) => Problem(422, "The policy would not load",
        $"the change was rejected whole ({errors.Count} {(errors.Count == 1 ? "error" : "errors")}); nothing was written",
        new Dictionary<string, object?>
        {
            ["errors"] = errors.Select(e => new ValidationErrorView(e.Field, e.Line > 0 ? e.Line : null, e.Message)).ToList(),
        });

    /// <summary>Writes a problem outside an endpoint (authentication).</summary>
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, options: null, contentType: "application/problem+json");
    }
}
