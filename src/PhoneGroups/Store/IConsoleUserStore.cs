namespace PhoneGroups.Store;

/// <summary>The web console's accounts, in the same database as the API tokens.</summary>
public interface IConsoleUserStore
{
    /// <summary>Adds an account; false when the name is taken (ignoring case).</summary>
    Task<bool> AddUserAsync(ConsoleUser user, CancellationToken cancellationToken = default);

    /// <summary>The account named <paramref name="name"/> (ignoring case), or null.</summary>
    Task<ConsoleUser?> FindUserAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every account, by name.</summary>
    Task<IReadOnlyList<ConsoleUser>> ListUsersAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes an account's password hash (a rehash after sign-in, or a new password); false when there is no such account.</summary>
    Task<bool> SetPasswordHashAsync(string name, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Removes an account; false when there is none by that name.</summary>
    Task<bool> DeleteUserAsync(string name, CancellationToken cancellationToken = default);
}
