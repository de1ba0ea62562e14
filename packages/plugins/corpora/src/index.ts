import { contribute } from '@emotrans/core';
import { deamCorpus } from './deam';
import { folderCorpus } from './folder';
import { pmemoCorpus } from './pmemo';
import { recolaCorpus } from './recola';
import { semaineCorpus } from './semaine';

export { deamCorpus, folderCorpus, pmemoCorpus, recolaCorpus, semaineCorpus };
export { FOLDER_MANIFEST_SCHEMA, type FolderManifest, type FolderOptions } from './folder';
export type { DeamOptions } from './deam';
export type { PmemoOptions } from './pmemo';
export type { RecolaOptions } from './recola';
export type { SemaineOptions } from './semaine';
export { readArff } from './common/arff';
export { readCsv, type CsvTable, type CsvRow } from './common/csv-table';
export { listAudioFiles, wavDuration, type AudioFile } from './common/audio-files';
export const containerModule = contribute(deamCorpus, pmemoCorpus, recolaCorpus, semaineCorpus, folderCorpus);
