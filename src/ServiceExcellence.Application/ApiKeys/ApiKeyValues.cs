using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ServiceExcellence.Application.ApiKeys;

/// <summary>API key values: <c>se_</c> and 256 random bits in base64url; the database keeps only their SHA-256 hash.</summary>
public static class ApiKeyValues
{
    public const string Marker = "se_";

    /// <summary>How many leading characters are kept and shown so people can tell keys apart.</summary>
    public const int PrefixLength = 10;

    private const int SecretBytes = 32;

    public static (string Value, string Prefix, string Hash) Mint()
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var value = Marker + Base64Url.EncodeToString(secret);
        return (value, PrefixOf(value), HashOf(value));
    }

    public static string PrefixOf(string value) => value[..Math.Min(PrefixLength, value.Length)];

    /// <summary>Lower-case hex SHA-256 of the value as sent.</summary>
    public static string HashOf(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
