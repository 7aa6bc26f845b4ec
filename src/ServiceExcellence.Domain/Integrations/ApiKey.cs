using ServiceExcellence.Domain.Common;

namespace ServiceExcellence.Domain.Integrations;

/// <summary>
/// A named key with which an integrating system calls the REST API. Only the SHA-256 hash of the value is
/// stored; the value is shown once when the key is created. Transactions posted with the key are recorded
/// under its source system, so external references are unique per source.
/// </summary>
public sealed class ApiKey : Entity
{
    /// <summary>How long a key's last-used time may lag behind: a request writes it at most this often.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    private ApiKey()
    {
        Name = SourceSystem = Prefix = Hash = string.Empty;
    }

    public ApiKey(string name, string sourceSystem, string prefix, string hash, DateTimeOffset createdAt, Guid? createdById, bool isDemo = false)
    {
        Name = Guard.Required(name, "Name", Limits.Name);
        SourceSystem = NormaliseSource(sourceSystem);
        Prefix = Guard.Required(prefix, "Prefix", Limits.ApiKeyPrefix);
        Hash = Guard.Required(hash, "Hash", Limits.Hash);
        CreatedAt = createdAt;
        CreatedById = createdById;
        IsDemo = isDemo;
    }

    public string Name { get; private set; }

    /// <summary>The source system the key's transactions are recorded under (lower case).</summary>
    public string SourceSystem { get; private set; }

    /// <summary>The first characters of the value, shown so that people can tell their keys apart.</summary>
    public string Prefix { get; private set; }

    /// <summary>SHA-256 of the whole value, lower-case hex.</summary>
    public string Hash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? CreatedById { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>The Development demo key, whose value is published in the README.</summary>
    public bool IsDemo { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is not null)
        {
            throw new DomainException($"The key {Name} was already revoked.");
        }

        RevokedAt = at;
    }

    public static string NormaliseSource(string? source)
    {
        var value = Guard.Required(source, "Source system", Limits.SourceSystem).ToLowerInvariant();
        return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? value
            : throw new DomainException("The source system may contain only letters, digits, '-', '_' and '.'.");
    }
}
