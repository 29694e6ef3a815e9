using Microsoft.Extensions.Options;

namespace PhoneGroups.Store;

/// <summary>Checks <see cref="StoreOptions"/> at start-up; every message names the key.</summary>
internal sealed class StoreOptionsValidation : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var errors = new List<string>();
        switch (options.Provider)
        {
            case StoreProviders.File:
                break;
            case StoreProviders.Sqlite when string.IsNullOrWhiteSpace(options.Path):
                errors.Add($"{StoreOptions.Section}:Path is required with {StoreOptions.Section}:Provider sqlite: the database file, e.g. phonegroups.db");
                break;
            case StoreProviders.Postgres when string.IsNullOrWhiteSpace(options.ConnectionString):
                errors.Add($"{StoreOptions.Section}:ConnectionString is required with {StoreOptions.Section}:Provider postgres (pass it by environment: Store__ConnectionString)");
                break;
            case StoreProviders.Sqlite or StoreProviders.Postgres:
                break;
            default:
                errors.Add($"{StoreOptions.Section}:Provider must be file, sqlite or postgres, not '{options.Provider}'");
                break;
        }

        if (options.PollMilliseconds is < 50 or > 60_000)
        {
            errors.Add($"{StoreOptions.Section}:PollMilliseconds must be between 50 and 60000, not {options.PollMilliseconds}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
