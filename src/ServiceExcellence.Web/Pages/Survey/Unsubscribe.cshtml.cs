using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>The unsubscribe link of every survey email: GET asks, POST opts the contact out.</summary>
[AllowAnonymous]
[EnableRateLimiting(Composition.PublicPagesPolicy)]
public sealed class UnsubscribeModel(IMediator mediator, BadTokenThrottle throttle, ILogger<UnsubscribeModel> logger) : SurveyPage(throttle, logger)
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        var survey = await mediator.Send(new OpenSurvey.Query(token), cancellationToken);
        var known = survey is not null || await mediator.Send(new IsKnownLink.Query(token), cancellationToken);
        if (!known)
        {
            return InvalidLink();
        }

        UseLanguage(survey?.Language);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        try
        {
            await mediator.Send(new Unsubscribe.Command(token), cancellationToken);
        }
        catch (NotFoundException)
        {
            return InvalidLink();
        }

        UseLanguage(null);
        Done = true;
        return Page();
    }
}
