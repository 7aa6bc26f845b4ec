using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Teams;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.Teams;

/// <summary>A team, its members (added and removed here) and what it owns.</summary>
public sealed class DetailsModel(IMediator mediator) : PageModel, IHasFormOptions
{
    /// <summary>The add-member form.</summary>
    [BindProperty]
    public AddTeamMember.Command Input { get; set; } = new();

    public TeamDetails.Model Team { get; private set; } = default!;

    public IReadOnlyList<Option> Candidates { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadFormOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { TeamId = id }, cancellationToken);
        TempData["Notice"] = "Member added to the team.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RemoveTeamMember.Command(id, personId), cancellationToken);
        TempData["Notice"] = "Member removed from the team.";
        return RedirectToPage(new { id });
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken)
    {
        // From the route, not a handler argument: this also runs when a form is re-shown before its handler ran.
        var id = Guid.Parse(Convert.ToString(RouteData.Values["id"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
        Team = await mediator.Send(new TeamDetails.Query(id), cancellationToken);
        Candidates = await mediator.Send(new AddTeamMember.Candidates(id), cancellationToken);
    }
}
