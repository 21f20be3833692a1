// The single file's stand-in for www/classroom.js (xtask dist puts it in the single file's
// bundle instead): the link builder, the two-team match and the class gallery work with links,
// which the published page gives and a file on a computer does not, and they would take the
// single file over its 140 KB gz budget (~5 KB gz with the QR code library). The menu says where
// they are.

export function open(id, ctx) {
  ctx.showStatus(ctx.L().t('single_no_class_tools'));
}
