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
        // REST goes on the events socket when Ari:RestTransport allows it and Asterisk answers there.
        services.TryAddSingleton(sp => new AriRestClient(
            sp.GetRequiredService<IOptions<AriOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AriRestClient>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<AriEventConnection>()));
        services.TryAddSingleton<IAriClient>(sp => sp.GetRequiredService<AriRestClient>());
        services.TryAddSingleton<AriEventConnection>();
        services.TryAddSingleton<IAriEventSource>(sp => sp.GetRequiredService<AriEventConnection>());
        return services;
    }
}
