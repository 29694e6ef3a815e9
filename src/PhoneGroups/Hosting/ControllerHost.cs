using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari;
using PhoneGroups.Calls;
using PhoneGroups.Configuration;
using PhoneGroups.Logging;
using PhoneGroups.Observability;
using PhoneGroups.Policy;
using PhoneGroups.Policy.Loading;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Hosting;

/// <summary>
/// The controller as a Generic Host service. Configuration comes from appsettings.json beside the
/// program, then environment variables (<c>Ari__Password</c>), then the command line (<c>--Policy:Path x</c>).
/// </summary>
internal static class ControllerHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddControllerLogging();
        builder.Services.AddControllerServices(builder.Configuration);
        return builder.Build();
    }

    public static IServiceCollection AddControllerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAriClient();
        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section)
            .PostConfigure(o => o.Path = string.IsNullOrWhiteSpace(o.Path) ? o.Path : Path.GetFullPath(o.Path))
            .ValidateOnStart();
        services.AddOptions<CallOptions>().BindConfiguration(CallOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallOptions>, CallOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhoneGroups.Ari.Configuration.AriOptions>, DemoPasswordValidation>());
        services.AddSingleton(sp => LoadInitialPolicy(sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Path));
        // Hosted services stop in reverse order: the health endpoint outlives the controller's shutdown,
        // so readiness answers "stopping" (503) while calls being set up finish.
        services.AddObservability();
        services.AddOtlpMetrics(configuration);
        services.AddHostedService<PolicyFileWatcher>();
        services.AddSingleton<CallController>();
        services.AddHostedService(sp => sp.GetRequiredService<CallController>());
        LoggingLevel.Validate(configuration);
        return services;
    }

    /// <summary>The controller does not start without a valid policy: there would be nothing to decide with.</summary>
    private static PolicyStore LoadInitialPolicy(string path)
    {
        var result = PolicyLoader.LoadFile(path);
        return result.Success ? new PolicyStore(result.Policy) : throw new PolicyRejectedException(result.Errors);
    }
}

/// <summary>The policy file given at start-up is invalid; every error names its line.</summary>
internal sealed class PolicyRejectedException(IReadOnlyList<PolicyError> errors)
    : Exception("The policy is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<PolicyError> Errors { get; } = errors;
}
