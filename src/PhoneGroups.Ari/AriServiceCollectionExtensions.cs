using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Rest;

namespace PhoneGroups.Ari;

/// <summary>Registers the ARI client: options from the <c>Ari</c> section (checked at start-up), REST and events.</summary>
public static class AriServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IAriClient"/> and <see cref="AriEventConnection"/> (not started: its owner starts it).</summary>
    public static IServiceCollection AddAriClient(this IServiceCollection services)
    {
        services.AddOptions<AriOptions>().BindConfiguration(AriOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AriOptions>, AriOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AriRestClient>();
        services.TryAddSingleton<IAriClient>(sp => sp.GetRequiredService<AriRestClient>());
        services.TryAddSingleton<AriEventConnection>();
        services.TryAddSingleton<IAriEventSource>(sp => sp.GetRequiredService<AriEventConnection>());
        return services;
    }
}
