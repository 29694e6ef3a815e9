using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PhoneGroups.Api;
using PhoneGroups.Configuration;

namespace PhoneGroups.Hosting;

/// <summary>
/// Binds Kestrel to <c>Http:Url</c> (or the older <c>Health:Url</c>): loopback by default; another address is
/// allowed but warned about unless TLS is configured, because the API carries bearer tokens.
/// </summary>
internal static class HttpHost
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration[$"{HttpOptions.Section}:Url"] is null && configuration["Health:Url"] is { } legacy)
        {
            configuration[$"{HttpOptions.Section}:Url"] = legacy;
        }

        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.Section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpOptions>, HttpOptionsValidation>());
        var options = configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new HttpOptions();
        if (!options.Enabled)
        {
            builder.Services.AddSingleton<IServer, NoServer>(); // HTTP off: no API, health or metrics
            return;
        }

        if (new HttpOptionsValidation().Validate(null, options).Failed)
        {
            return; // start-up validation stops the host with the message
        }

        var uri = new Uri(options.Url);
        if (options.HasCertificate)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ApiRequest.MaxBodyBytes;
            kestrel.Listen(Address(uri), uri.Port, listen =>
            {
                if (options.HasCertificate)
                {
                    listen.UseHttps(options.CertificatePath, options.CertificatePassword);
                }
            });
        });
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<HttpExposureWarning>(sp, IsLoopback(uri), options.HasCertificate, options.Url));
    }

    private static IPAddress Address(Uri uri) => uri.Host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" or "0.0.0.0" => IPAddress.Any,
        _ => IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) ? address : IPAddress.Loopback,
    };

    private static bool IsLoopback(Uri uri) => uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var a) && IPAddress.IsLoopback(a));

    /// <summary>A server that serves nothing, for <c>Http:Url</c> empty.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
