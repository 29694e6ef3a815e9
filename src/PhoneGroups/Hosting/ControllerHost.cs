using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneGroups.Api;
using PhoneGroups.Ari;
using PhoneGroups.Calls;
using PhoneGroups.Configuration;
using PhoneGroups.Discovery;
using PhoneGroups.Logging;
using PhoneGroups.Observability;
using PhoneGroups.PolicyReload;
using PhoneGroups.Store;
using PhoneGroups.Web;

namespace PhoneGroups.Hosting;

/// <summary>
/// The controller: one ASP.NET Core host that runs the call controller and serves, on <c>Http:Url</c>, the
/// admin API (<c>/api/v1</c>, tokens required), health (<c>/health/live</c>, <c>/health/ready</c>) and
/// <c>/metrics</c>. Configuration comes from appsettings.json beside the program, then environment variables
/// (<c>Ari__Password</c>), then the command line (<c>--Policy:Path x</c>).
/// </summary>
internal static class ControllerHost
{
    /// <param name="args">The command line: configuration keys (<c>--Policy:Path x</c>).</param>
    /// <param name="services">Registrations made before the controller's own (tests put a scripted ARI here; they win over its defaults).</param>
    public static IHost Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The console's pages are compiled into this assembly, whichever process hosts it (the tests' too).
            ApplicationName = typeof(ControllerHost).Assembly.GetName().Name,
        });
        builder.AddControllerLogging();
        services?.Invoke(builder.Services);
        builder.Services.AddControllerServices(builder.Configuration);
        HttpHost.Configure(builder);
        var app = builder.Build();
        app.Services.GetRequiredService<PolicyPublisher>().Published += app.Services.GetRequiredService<ControllerMetrics>().PolicyReloaded;
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPhoneGroupsApi();
        app.MapConsole();
        return app;
    }

    public static IServiceCollection AddControllerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAriClient();
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section)
            .PostConfigure(o => o.Path = string.IsNullOrWhiteSpace(o.Path) ? o.Path : Path.GetFullPath(o.Path))
            .ValidateOnStart();
        services.AddOptions<CallOptions>().BindConfiguration(CallOptions.Section).ValidateOnStart();
        services.AddOptions<DiscoveryOptions>().BindConfiguration(DiscoveryOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallOptions>, CallOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhoneGroups.Ari.Configuration.AriOptions>, DemoPasswordValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsValidation>());
        services.AddPolicyStore();
        if (configuration.GetValue<string>($"{StoreOptions.Section}:Provider") == StoreProviders.Postgres)
        {
            services.AddSingleton(sp => (PostgresStore)sp.GetRequiredService<SqlStore>());
            services.AddHostedService<PostgresChangeListener>();
        }

        services.AddObservability(configuration);
        services.AddHostedService<PhoneDiscovery>();
        services.AddSingleton<CallController>();
        services.AddHostedService(sp => sp.GetRequiredService<CallController>());

        services.AddProblemDetails();
        // The API takes bearer tokens only; the console signs in with a cookie (its keys in memory, none on disk).
        var authentication = services.AddAuthentication(o => o.DefaultScheme = BearerTokenHandler.SchemeName);
        authentication.AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        ApiEndpoints.AddPolicies(services.AddAuthorizationBuilder());
        services.AddConsole(authentication);
        services.AddOpenApi();
        LoggingLevel.Validate(configuration);
        return services;
    }
}
