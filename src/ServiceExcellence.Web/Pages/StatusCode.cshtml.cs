using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceExcellence.Web.Pages;

/// <summary>The friendly page for 4xx answers; the original request may be a GET or a POST.</summary>
public sealed class StatusCodeModel : PageModel
{
    public string Title => Describe().Title;

    public string Explanation => Describe().Explanation;

    private (string Title, string Explanation) Describe() =>
        (int.TryParse(Request.Query["code"], out var code) ? code : 404) switch
        {
            StatusCodes.Status400BadRequest => ("The request could not be read", "Check what you entered and try again."),
            StatusCodes.Status403Forbidden => ("You do not have access to this page", "Your role does not include it."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Please wait a minute and try again."),
            _ => ("Page not found", "The page or record you asked for does not exist, or you may not see it."),
        };
}
