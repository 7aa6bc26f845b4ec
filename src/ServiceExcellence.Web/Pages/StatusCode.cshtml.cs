using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceExcellence.Web.Pages;

/// <summary>
/// The friendly page for 4xx answers; the original request may be a GET or a POST. It is re-executed with the
/// request's own method and form, so it must not check the antiforgery token itself: a form refused for a missing
/// or expired token (or a form the server could not read) would otherwise fail here again and end as a blank 400.
/// It only renders text and changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusCodeModel : PageModel
{
    public string Title => Describe().Title;

    public string Explanation => Describe().Explanation;

    private (string Title, string Explanation) Describe() =>
        (int.TryParse(Request.Query["code"], out var code) ? code : 404) switch
        {
            StatusCodes.Status400BadRequest => ("The request could not be read", "The form may have expired or held characters it cannot take. Go back, reload the page and try again."),
            StatusCodes.Status403Forbidden => ("You do not have access to this page", "Your role does not include it."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Please wait a minute and try again."),
            _ => ("Page not found", "The page or record you asked for does not exist, or you may not see it."),
        };
}
