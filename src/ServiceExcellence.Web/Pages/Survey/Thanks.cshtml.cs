using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>After submitting: thanks, and what happens next.</summary>
[AllowAnonymous]
[EnableRateLimiting(Composition.PublicPagesPolicy)]
public sealed class ThanksModel(IMediator mediator, BadTokenThrottle throttle, ILogger<ThanksModel> logger) : SurveyPage(throttle, logger)
{
    public OpenSurvey.Survey? Survey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        Survey = await mediator.Send(new OpenSurvey.Query(token), cancellationToken);
        if (Survey is null)
        {
            return InvalidLink();
        }

        if (Survey.Existing is null)
        {
            return RedirectToPage("Rate", new { token, lang = RequestedLanguage });
        }

        UseLanguage(Survey.Language);
        return Page();
    }
}
