using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Initiatives;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Initiatives;

/// <summary>An initiative, the linked alerts the person may see, and linking one of their open alerts to it.</summary>
public sealed class DetailsModel(IMediator mediator) : PageModel, IHasFormOptions
{
    /// <summary>The link-an-alert form.</summary>
    [BindProperty]
    public LinkAlertToInitiative.Command Input { get; set; } = new();

    public InitiativeDetails.Model Initiative { get; private set; } = default!;

    public IReadOnlyList<LinkAlertToInitiative.Candidate> Candidates { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { InitiativeId = id }, cancellationToken);
        TempData["Notice"] = "Alert linked to the initiative.";
        return RedirectToPage(new { id });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        // From the route, not a handler argument: this also runs when a form is re-shown before its handler ran.
        var id = Guid.Parse(Convert.ToString(RouteData.Values["id"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        Initiative = await mediator.Send(new InitiativeDetails.Query(id), cancellationToken);
        Candidates = await mediator.Send(new LinkAlertToInitiative.Candidates(), cancellationToken);
    }
}
