using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneGroups.Api;
using PhoneGroups.Configuration;
using PhoneGroups.Policy;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Store;

/// <summary>
/// Registers the store (section <c>Store</c>), the publisher that puts revisions in force in
/// <see cref="PolicyStore"/> (where calls read the policy), and the watcher that follows the file or the store.
/// </summary>
internal static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddPolicyStore(this IServiceCollection services)
    {
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section)
            .PostConfigure(o => o.Path = string.IsNullOrWhiteSpace(o.Path) ? o.Path : Path.GetFullPath(o.Path))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidation>());
        services.AddSingleton(sp => StoreFactory.Database(sp.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<ITokenStore>(sp => sp.GetRequiredService<SqlStore>());
        services.AddSingleton<IConsoleUserStore>(sp => sp.GetRequiredService<SqlStore>());
        services.AddSingleton(sp => StoreFactory.Revisions(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value,
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Path,
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProviders.File ? null : sp.GetRequiredService<SqlStore>()));
        services.AddSingleton(sp => PolicyBootstrap.Start(
            sp.GetRequiredService<IRevisionStore>(),
            sp.GetRequiredService<IOptions<PolicyOptions>>().Value.Path,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<PolicyPublisher>()));
        services.AddSingleton(sp => sp.GetRequiredService<PolicyPublisher>().Store);
        services.AddSingleton<PolicyWriter>();
        services.AddSingleton<StoreWatcher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value.Provider == StoreProviders.File
            ? ActivatorUtilities.CreateInstance<PolicyFileWatcher>(sp)
            : sp.GetRequiredService<StoreWatcher>());
        return services;
    }
}
