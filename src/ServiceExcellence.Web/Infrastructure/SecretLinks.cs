using System.Text.RegularExpressions;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>Survey, unsubscribe and guarantee links carry a secret token; logs show the route, never the token.</summary>
public static partial class SecretLinks
{
    public static string Redact(string path) => TokenPath().Replace(path, "/$1/{token}");

    [GeneratedRegex("^/(r|u|g)/[^/?]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPath();
}
