using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PhoneGroups.Store;

namespace PhoneGroups.Api;

/// <summary>Maps <c>/api/v1</c>: every endpoint needs a token; writes need an admin token.</summary>
internal static class ApiEndpoints
{
    public const string ReadPolicy = "read";
    public const string WritePolicy = "write";

    public static void MapPhoneGroupsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ReadPolicy).AddEndpointFilter<ApiExceptionFilter>();
        GroupEndpoints.Map(api);
        ExtensionEndpoints.Map(api);
        RouteEndpoints.Map(api);
        PermissionEndpoints.Map(api);
        PolicyEndpoints.Map(api);
        RevisionEndpoints.Map(api);
        MaintenanceEndpoints.Map(api);
    }

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization)
    {
        // Bearer tokens only: a console cookie never authorizes an API call (no anti-forgery there).
        authorization.AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().RequireRole(ApiRoles.Admin, ApiRoles.Viewer));
        authorization.AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().RequireRole(ApiRoles.Admin));
    }
}
