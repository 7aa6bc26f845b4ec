using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace ServiceExcellence.Web.Pages.Shared;

/// <summary>Previous/next links that keep every other query parameter (filters, sort) of the current page.</summary>
public sealed record PagerModel(int Page, int PageCount, int TotalCount, HttpRequest Request)
{
    public string UrlFor(int page)
    {
        var query = QueryHelpers.ParseQuery(Request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Request.Path + new QueryBuilder(query!).ToQueryString();
    }
}
