using Microsoft.Extensions.Configuration;
using PhoneGroups.Configuration;
using PhoneGroups.Store;

namespace PhoneGroups.Commands;

/// <summary>
/// The store settings for the commands that work on it (<c>token</c>, <c>export</c>, <c>import</c>): the same
/// sources as <c>run</c> (appsettings.json, environment, <c>--Store:Path x</c> on the command line), so a
/// command finds the store the controller uses.
/// </summary>
internal sealed class StoreCommandSettings
{
    private StoreCommandSettings(StoreOptions store, string policyPath, List<string> rest)
    {
        Store = store;
        PolicyPath = policyPath;
        Rest = rest;
    }

    public StoreOptions Store { get; }

    public string PolicyPath { get; }

    /// <summary>The arguments that are not configuration keys (no ':' in the option name).</summary>
    public List<string> Rest { get; }

    /// <summary>Where the store is, in words.</summary>
    public string Describe() => Store.Provider switch
    {
        StoreProviders.Postgres => "PostgreSQL (Store:ConnectionString)",
        _ => $"{Store.Path} ({Store.Provider})",
    };

    public static StoreCommandSettings Read(IReadOnlyList<string> args)
    {
        var configArgs = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains(':', StringComparison.Ordinal))
            {
                configArgs.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Count)
                {
                    configArgs.Add(args[++i]);
                }
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. configArgs])
            .Build();
        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        store.Path = string.IsNullOrWhiteSpace(store.Path) ? store.Path : Path.GetFullPath(store.Path);
        var policy = configuration.GetSection(PolicyOptions.Section).Get<PolicyOptions>() ?? new PolicyOptions();
        return new StoreCommandSettings(store, string.IsNullOrWhiteSpace(policy.Path) ? policy.Path : Path.GetFullPath(policy.Path), rest);
    }

    /// <summary>The problems with the store settings, empty when there are none.</summary>
    public IReadOnlyList<string> Validate() => new StoreOptionsValidation().Validate(null, Store) is { Failed: true } result ? [.. result.Failures] : [];
}
