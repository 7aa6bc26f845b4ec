using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>
/// Base of the customer pages reached through a secret link: no sign-in, the customer's language, and one
/// answer for every bad link (unknown, expired or tampered) that reveals nothing — rate-limited per address.
/// </summary>
public abstract class SurveyPage(BadTokenThrottle throttle, ILogger logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "lang")]
    public string? RequestedLanguage { get; set; }

    public string Language { get; private set; } = "en";

    /// <summary>The link cannot be used; the page shows only that.</summary>
    public bool IsInvalid { get; private set; }

    /// <summary>The request's language was chosen by <see cref="SurveyLanguageProvider"/>; the command records it.</summary>
    protected void UseLanguage(string? surveyLanguage) =>
        Language = SurveyText.Supported(RequestedLanguage ?? surveyLanguage ?? CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>Short-circuits addresses that have sent too many bad links.</summary>
    protected IActionResult? Blocked() => throttle.IsBlocked(HttpContext) ? TooManyBadLinks() : null;

    /// <summary>The one page for every link that cannot be used.</summary>
    protected IActionResult InvalidLink()
    {
        UseLanguage(null);
        logger.LogInformation("Survey link refused from {Address}", HttpContext.Connection.RemoteIpAddress);
        if (!throttle.RecordBadToken(HttpContext))
        {
            return TooManyBadLinks();
        }

        IsInvalid = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private StatusCodeResult TooManyBadLinks()
    {
        logger.LogWarning("Too many bad survey links from {Address}", HttpContext.Connection.RemoteIpAddress);
        return StatusCode(StatusCodes.Status429TooManyRequests);
    }
}
