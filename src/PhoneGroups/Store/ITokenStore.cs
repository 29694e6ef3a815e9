namespace PhoneGroups.Store;

/// <summary>The API tokens, stored hashed.</summary>
public interface ITokenStore
{
    /// <summary>Adds a token; false when the name is taken (ignoring case).</summary>
    Task<bool> AddAsync(ApiToken token, CancellationToken cancellationToken = default);

    /// <summary>Every token, by name.</summary>
    Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a token; false when there is none by that name.</summary>
    Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The token whose hash is <paramref name="hash"/>, or null.</summary>
    Task<ApiToken?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);
}
