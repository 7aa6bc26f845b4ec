using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Lookups;
using ServiceExcellence.Application.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Web.Infrastructure;

namespace ServiceExcellence.Web.Pages.Admin.ServiceLines;

/// <summary>Adds a service line (no id in the route) or edits one.</summary>
public sealed class EditModel(IMediator mediator) : PageModel, IHasFormOptions
{
    [BindProperty]
    public SaveServiceLine.Command Input { get; set; } = new();

    public IReadOnlyList<Option> OperationsTeams { get; private set; } = [];

    public bool IsNew => RouteData.Values["id"] is null;

    public async Task OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } existing)
        {
            Input = await mediator.Send(new SaveServiceLine.Query(existing), cancellationToken);
        }

        await LoadFormOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        await mediator.Send(Input with { Id = id }, cancellationToken);
        TempData["Notice"] = id is null ? $"Service line {Input.Name} added." : $"Service line {Input.Name} saved.";
        return RedirectToPage("Index");
    }

    public async Task LoadFormOptionsAsync(CancellationToken cancellationToken) =>
        OperationsTeams = await mediator.Send(new GetOptions.Teams(TeamKind.Operations), cancellationToken);
}
