using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the token's SHA-256 is looked up in the store; the identity is the
/// token's name (the author of revisions) with its role. Revoking a token takes effect on the next request.
/// </summary>
internal sealed partial class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ITokenStore tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("malformed token");
        }

        ApiToken? token;
        try
        {
            token = await tokens.FindByHashAsync(TokenSecrets.Hash(secret), Context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed: no evidence, no rights.
            return AuthenticateResult.Fail($"the token store cannot be read: {e.Message}");
        }

        if (token is null)
        {
            // For the audit: who tried, never what they sent.
            LogRefused(Logger, Request.Method, Request.Path, Context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return AuthenticateResult.Fail("unknown or revoked token");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, token.Name), new Claim(ClaimTypes.Role, token.Role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API request {Method} {Path} from {Remote} refused: unknown or revoked token")]
    private static partial void LogRefused(ILogger logger, string method, string path, string remote);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"phonegroups\"";
        return ApiProblems.Write(Context, 401, "Unauthorized", "send Authorization: Bearer <token>; make one with: phonegroups token create --name NAME --role admin|viewer");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.Write(Context, 403, "Forbidden", "this token is a viewer: it may read, not write");
}
