using Microsoft.Extensions.Options;

namespace PhoneGroups.Configuration;

/// <summary>Checks the controller's own settings at start-up; every message names the configuration key.</summary>
/// <remarks>With a database store the file only seeds an empty store, so it may be left out there.</remarks>
internal sealed class PolicyOptionsValidation(IOptions<PhoneGroups.Store.StoreOptions>? store = null) : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var errors = new List<string>();
        var provider = store?.Value.Provider ?? PhoneGroups.Store.StoreProviders.Sqlite;
        if (string.IsNullOrWhiteSpace(options.Path) && provider == PhoneGroups.Store.StoreProviders.File)
        {
            errors.Add($"{PolicyOptions.Section}:Path is required: the policy file to load (e.g. asterisk-conf/policy.yaml)");
        }

        if (options.PollMilliseconds is < 50 or > 60_000)
        {
            errors.Add($"{PolicyOptions.Section}:PollMilliseconds must be between 50 and 60000, not {options.PollMilliseconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
