import type { FakeAisPlace } from './fake-ais.js';

/** Made-up places for the fake AIS: not the city's data. */
export const SPRUCE_1234: FakeAisPlace = {
  street_address: '1234 SPRUCE ST',
  lng: -75.16304,
  lat: 39.94707,
  rubbish_recycle_day: 'WED',
  council_district_2024: '5',
  police_district: '6',
  sanitation_district: '3B',
};

export const AIS_PLACES: Readonly<Record<string, readonly FakeAisPlace[]>> = {
  '1234 SPRUCE': [SPRUCE_1234],
  '1234 SPRUCE ST': [SPRUCE_1234],
  '500 5TH ST': [
    {
      ...SPRUCE_1234,
      street_address: '500 N 5TH ST',
      lat: 39.9578,
      lng: -75.1478,
      rubbish_recycle_day: 'THU',
      match_type: 'parsed',
    },
    {
      ...SPRUCE_1234,
      street_address: '500 S 5TH ST',
      lat: 39.9434,
      lng: -75.1494,
      rubbish_recycle_day: 'FRI',
      match_type: 'parsed',
    },
  ],
  '1240 SPRUCE ST': [{ ...SPRUCE_1234, street_address: '1240 SPRUCE ST', lng: -75.16316, lat: 39.94708 }],
};
