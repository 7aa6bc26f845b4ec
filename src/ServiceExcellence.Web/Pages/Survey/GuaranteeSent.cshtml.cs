using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Survey;

/// <summary>After invoking the guarantee: received, what happens next.</summary>
[AllowAnonymous]
[EnableRateLimiting(Composition.PublicPagesPolicy)]
public sealed class GuaranteeSentModel(IMediator mediator, BadTokenThrottle throttle, ILogger<GuaranteeSentModel> logger) : SurveyPage(throttle, logger)
{
    public OpenGuarantee.Model? Guarantee { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (Blocked() is { } blocked)
        {
            return blocked;
        }

        Guarantee = await mediator.Send(new OpenGuarantee.Query(token), cancellationToken);
        if (Guarantee is null)
        {
            return InvalidLink();
        }

        if (Guarantee.Existing is null)
        {
            return RedirectToPage("Guarantee", new { token, lang = RequestedLanguage });
        }

        UseLanguage(Guarantee.Language);
        return Page();
    }
}
