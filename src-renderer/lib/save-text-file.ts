/** Saves text the user asked for (a .lic file, a machine-ID request, a CSV) through the browser's download path; Electron turns it into a save dialog. */
export function saveTextFile(fileName: string, content: string, mime = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
